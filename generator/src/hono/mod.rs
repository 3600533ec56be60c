//! The Hono backend (`kkgen gen --lang hono`): the HTTP side of a schema, next to the TS backend's
//! files. (Placeholder until HONO's backend lands: only the typed HTTP client.)

pub mod http_client;
