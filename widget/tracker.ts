// Placeholder: the tracker is written by the tracker work (issue 3).
export {};
