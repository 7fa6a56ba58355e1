//! Worked cases of the schedule, the engine and the validators.
