// Dates as the product reads them, in three parts: wall time and the zone's clock (zoneClock.ts), date
// cells and their text forms (dateCells.ts), and two date columns read as pairs (datePairs.ts).
export * from './zoneClock';
export * from './dateCells';
export * from './datePairs';
