"""Tests of lib/ledger: segments, structure, header, statuses, figures, the count of each fact once; the genre."""
