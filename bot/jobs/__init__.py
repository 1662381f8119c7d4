"""The job engine: submit, poll and deliver Wan jobs, independent of Discord."""
