/** Category ids are Google Product Taxonomy ids: positive integers, sent as ID strings. */
export function parseCategoryId(value: string): number | null {
  if (!/^\d{1,9}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}
