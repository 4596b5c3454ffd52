/** The part of jStat the statistics use (jStat ships no types; it is a CommonJS module). */
declare module 'jstat' {
  const jStat: {
    normal: { inv(p: number, mean: number, sd: number): number };
    betaln(x: number, y: number): number;
    combinationln(n: number, k: number): number;
  };
  export default jStat;
}
