export { MAX_PAGE, pageArgs, type PageArgs } from './page-args';
export { createdAtCursor, createdAtCursorOf, createdAtPosition, cursorCodec, type CreatedAtPosition, type CursorCodec } from './cursor';
export { connection, emptyConnection, type Connection, type CountedConnection, type Edge } from './connection';
