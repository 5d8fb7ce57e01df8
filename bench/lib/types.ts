/** One measured figure, printed as `name: value unit`. */
export type Figure = { name: string; value: number | string; unit?: string; note?: string };

/** A named benchmark: `npm run bench` runs them all, `npm run bench -- <name>…` only those named. */
export type Suite = { name: string; description: string; run: () => Promise<Figure[]> };
