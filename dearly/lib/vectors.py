"""Sentence-embedding vectors in the database, the same on SQLite and PostgreSQL.

One plain table per index (`id`, `model`, `vector` as float16 bytes, `stamp`), made by a migration
like the full-text tables beside it. Look-ups:

- while an index holds at most DENSE_SCAN_LIMIT rows (any real column, a practice's letters for
  months), every vector is kept in memory as one float32 matrix per process and compared with the
  query in one matrix product (~1 ms at 5,000 rows); the matrix is reloaded when the table's count
  or stamp sum changes, so a publish in one process is seen by the others on their next look-up;
- above that, the caller passes candidates (from full-text search) and only their vectors are read.

No pgvector (no Debian 12 package) and no SQLite extension (this Python cannot load one): at
Dearly's scale numpy over a table is enough, and it is the same code on both databases.
"""

from __future__ import annotations

import random
import threading
import time

import numpy as np
from django.db import connection

DIMENSIONS = 384
DENSE_SCAN_LIMIT = 20_000
TOO_BIG_RECHECK_SECONDS = 60


def pack(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def unpack(blob) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32)


class Similarities:
    """Cosines of a query with rows of an index: all of them when `whole`, else the candidates
    only (an index past DENSE_SCAN_LIMIT), whose mean is no letter's mean with everything."""

    def __init__(self, ids: np.ndarray, scores: np.ndarray, *, whole: bool = True):
        self.ids, self.scores = ids, scores
        self.count = len(ids)
        self.whole = whole

    def top(self, limit: int) -> list[tuple[int, float]]:
        order = np.argsort(-self.scores, kind="stable")[:limit]
        return [(int(self.ids[i]), float(self.scores[i])) for i in order]

    def mean(self, exclude_id=None) -> float:
        if not self.count:
            return 0.0
        keep = self.ids != exclude_id if exclude_id is not None else slice(None)
        values = self.scores[keep]
        return float(values.mean()) if len(values) else 0.0


class VectorIndex:
    def __init__(self, table: str):
        self.table = table
        self._lock = threading.Lock()
        self._cache: dict[str, tuple] = {}  # database alias -> (key, ids, matrix)
        self._too_big: dict[tuple[str, str], float] = {}  # (alias, model) -> monotonic time to ask again

    # --- schema (called from migrations) -------------------------------------------------
    def create_sql(self, vendor: str) -> list[str]:
        blob = "bytea" if vendor == "postgresql" else "BLOB"
        return [
            f"CREATE TABLE IF NOT EXISTS {self.table} (id bigint PRIMARY KEY, model varchar(64) NOT NULL, "
            f"vector {blob} NOT NULL, stamp integer NOT NULL)"
        ]

    def drop_sql(self, vendor: str) -> list[str]:
        return [f"DROP TABLE IF EXISTS {self.table}"]

    # --- writes --------------------------------------------------------------------------
    def upsert(self, row_id: int, vector: np.ndarray, model: str) -> None:
        # A random stamp per write: the (count, sum of stamps) key changes on every write.
        params = [row_id, model, pack(vector), random.randint(1, 1_000_000)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} (id, model, vector, stamp) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, vector = EXCLUDED.vector, "
                "stamp = EXCLUDED.stamp",
                params,
            )

    def delete(self, row_ids) -> None:
        ids = [int(i) for i in row_ids]
        if not ids:
            return
        with connection.cursor() as cursor:
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                cursor.execute(f"DELETE FROM {self.table} WHERE id IN ({','.join(['%s'] * len(chunk))})", chunk)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    # --- reads ---------------------------------------------------------------------------
    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {self.table}")
            return cursor.fetchone()[0]

    def ids(self) -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {self.table}")
            return {row[0] for row in cursor.fetchall()}

    def vectors_for(self, ids, model: str) -> dict[int, np.ndarray]:
        ids = [int(i) for i in ids]
        if not ids:
            return {}
        out = {}
        with connection.cursor() as cursor:
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                cursor.execute(
                    f"SELECT id, vector FROM {self.table} WHERE model = %s AND id IN ({','.join(['%s'] * len(chunk))})",
                    [model, *chunk],
                )
                out.update((row_id, unpack(blob)) for row_id, blob in cursor.fetchall())
        return out

    def _matrix(self, model: str) -> tuple[np.ndarray, np.ndarray] | None:
        """All vectors as (ids, matrix), or None when the index is too big to scan."""
        alias = connection.alias + connection.settings_dict["NAME"].__str__()
        if self._too_big.get((alias, model), 0.0) > time.monotonic():
            return None
        with connection.cursor() as cursor:
            # Read no further than the limit: counting every row of a big index on each look-up
            # (to find it too big to scan) took 80-100 ms at 100,000 rows (bench/similar).
            cursor.execute(f"SELECT count(*), coalesce(sum(stamp), 0) FROM (SELECT stamp FROM {self.table} "
                           f"WHERE model = %s LIMIT {DENSE_SCAN_LIMIT + 1}) AS bounded", [model])
            count, stamps = cursor.fetchone()
        if count > DENSE_SCAN_LIMIT:
            # An index does not shrink from past the limit to under it in a minute: not asked again.
            self._too_big[(alias, model)] = time.monotonic() + TOO_BIG_RECHECK_SECONDS
            return None
        key = (count, int(stamps), model)
        cached = self._cache.get(alias)
        if cached and cached[0] == key:
            return cached[1], cached[2]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, vector FROM {self.table} WHERE model = %s ORDER BY id", [model])
            rows = cursor.fetchall()
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        matrix = np.vstack([unpack(r[1]) for r in rows]) if rows else np.zeros((0, DIMENSIONS), np.float32)
        with self._lock:
            self._cache[alias] = (key, ids, matrix)
        return ids, matrix

    def similarities(self, query: np.ndarray, model: str, *, candidates=()) -> Similarities:
        """Cosine of the query with every row while the index is small enough to scan, else
        with the `candidates` only (read from the table). `candidates` may be a function
        returning them, called only when they are needed (a full-text query, say)."""
        scanned = self._matrix(model)
        if scanned is None:
            if callable(candidates):
                candidates = candidates()
            vectors = self.vectors_for(candidates, model)
            ids = np.array(list(vectors), dtype=np.int64)
            matrix = np.vstack(list(vectors.values())) if vectors else np.zeros((0, DIMENSIONS), np.float32)
        else:
            ids, matrix = scanned
        return Similarities(ids, matrix @ np.asarray(query, dtype=np.float32) if len(ids) else np.zeros(0),
                            whole=scanned is not None)
