// Rapport.Analytics: algorithms on in-memory columnar data; no database, no web.
