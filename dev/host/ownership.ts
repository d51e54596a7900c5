// Which host sheet the add-on owns: the developer metadata it marked it with.
import type { SheetModel } from './spreadsheet';

export function isOwnedSheetRecord(sheet: SheetModel, key: string): boolean {
  return sheet.metadata.some((m) => m.key === key);
}
