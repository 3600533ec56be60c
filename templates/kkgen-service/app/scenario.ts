/**
 * One run of every op of `stats.v1.Stats` over any client (direct, Worker, HTTP), the same for the
 * Rust and the Go module: what the tests compare with {@link EXPECTED}.
 * @module
 */
import { NotFiniteError, UnknownSeriesError, type StatsApi, type Summary } from "./gen/index.js";

/** What {@link runScenario} observed. */
export interface ScenarioResult {
  /** The count `append` returned after the second append. */
  count: number;
  summary: Summary;
  /** `scaled(series, 2)`. */
  scaled: number[];
  /** The index `NotFinite` named for `[1, NaN]`, or the name of what was thrown instead. */
  notFinite: number | string;
  /** Whether `summary` after `release` threw `UnknownSeries` naming the released handle. */
  unknownAfterRelease: boolean;
}

/** What every module answers over every transport. */
export const EXPECTED: ScenarioResult = {
  count: 4,
  summary: { name: "temperatures", count: 4, mean: 2.5, minimum: -2, maximum: 6.5 },
  scaled: [3, -4, 13, 8],
  notFinite: 1,
  unknownAfterRelease: true,
};

/** Creates a series, appends to it, reads it back, provokes both typed errors and releases it. */
export async function runScenario(api: StatsApi): Promise<ScenarioResult> {
  const series = await api.create("temperatures");
  await api.append(series, new Float32Array([1.5, -2, 6.5]));
  const count = await api.append(series, new Float32Array([4]));
  const summary = await api.summary(series);
  const scaled = Array.from(await api.scaled(series, 2));
  const notFinite = await api.append(series, new Float32Array([1, Number.NaN])).then(
    () => "no error",
    (e: unknown) => (e instanceof NotFiniteError ? e.data.index : String(e)),
  );
  await api.release(series);
  const unknownAfterRelease = await api.summary(series).then(
    () => false,
    (e: unknown) => e instanceof UnknownSeriesError && e.data.series === series,
  );
  return { count, summary, scaled, notFinite, unknownAfterRelease };
}
