"""Tests of lib/library: the store, its migrations and backups."""
