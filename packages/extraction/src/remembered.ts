// Pure functions of one string called over and over with the same few hundred words and names:
// their answers are remembered, up to a bound (the memory is emptied when full, so a long-running
// process that reads many articles does not grow without end).

/** `compute`, remembering up to `limit` answers. `compute` must be pure. */
export function remembered<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size >= limit) answers.clear();
      answer = compute(key);
      answers.set(key, answer);
    }
    return answer;
  };
}
