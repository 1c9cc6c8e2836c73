/**
 * How far along a transfer reports its byte counts (`Downloading`, `Extracting`, `Pushing`): the daemon's progress
 * readers send updates as bytes flow; the simulation sends them at these fractions of the total.
 */
export const PROGRESS_STEPS: readonly number[] = [0.35, 0.7, 1];
