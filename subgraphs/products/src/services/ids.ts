const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Product ids are opaque to clients; anything that is not one of ours simply matches nothing. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Category ids are Google Product Taxonomy ids: positive integers, sent as ID strings. */
export function parseCategoryId(value: string): number | null {
  if (!/^\d{1,9}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}
