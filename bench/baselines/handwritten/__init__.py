"""The worker-bench workloads written idiomatically against temporalio in Python."""
