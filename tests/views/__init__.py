"""Tests of lib/views: the headline numbers."""
