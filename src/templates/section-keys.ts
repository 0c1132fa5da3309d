/**
 * Keys for a custom template's sections, from their titles: what the model's answer and the
 * stored summary name each section by. ASCII letters and digits only (a JSON schema property the
 * model sees), camel-cased, unique within the template.
 */
export function sectionKeys(titles: readonly string[]): string[] {
  const used = new Set<string>();
  return titles.map((title, i) => {
    const words =
      title
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .match(/[a-z0-9]+/g) ?? [];
    const camel = words
      .map((w, j) => (j === 0 ? w : w[0].toUpperCase() + w.slice(1)))
      .join('')
      .slice(0, 40);
    const base = /^[a-z]/.test(camel)
      ? camel
      : `section${i + 1}${camel ? camel[0].toUpperCase() + camel.slice(1) : ''}`.slice(0, 40);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}${n}`;
    used.add(key);
    return key;
  });
}
