package io.jobgrid.web;

import io.jobgrid.api.InvalidInputException;
import io.jobgrid.api.JobSpec;
import io.jobgrid.api.TooLargeException;

import java.util.ArrayList;
import java.util.List;

/** The JSON body of {@code POST /api/v1/jobs/batch}: {@code {"jobs":[{spec}, ...]}}. */
record BatchRequest(List<SubmitRequest> jobs) {
    List<JobSpec> toSpecs() {
        if (jobs == null) {
            throw new InvalidInputException("jobs", "jobs must be a list of job specs, but was missing");
        }
        List<JobSpec> out = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            String field = "jobs[" + i + "]";
            if (jobs.get(i) == null) {
                throw new InvalidInputException(field, field + " must be a job spec, but was null");
            }
            try {
                out.add(jobs.get(i).toSpec());
            } catch (TooLargeException big) {
                throw new TooLargeException(field + "." + big.field(), field + ": " + big.getMessage());
            } catch (InvalidInputException bad) {
                throw new InvalidInputException(field + "." + bad.field(), field + ": " + bad.getMessage());
            }
        }
        return out;
    }
}
