/** Whether a crossing joins the two countries of a border, either way round (the US–MX border holds MX–US crossings). */
export const joinsCountries = (c: { countryA: string; countryB: string }, [a, b]: readonly [string, string] | readonly string[]) =>
  (c.countryA === a && c.countryB === b) || (c.countryA === b && c.countryB === a);
