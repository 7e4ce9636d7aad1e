const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** User ids are opaque to clients; anything that is not one of ours simply matches nothing. */
export const isUuid = (value: string): boolean => UUID.test(value);
