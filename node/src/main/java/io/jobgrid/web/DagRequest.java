package io.jobgrid.web;

import io.jobgrid.api.DagJob;
import io.jobgrid.api.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/** The JSON body of {@code POST /api/v1/dags}: {@code {"jobs":[{"key":..,"spec":{..},"after":[..]}]}}. */
record DagRequest(List<Entry> jobs) {
    record Entry(String key, SubmitRequest spec, List<String> after) {
    }

    List<DagJob> toJobs() {
        if (jobs == null) {
            throw new InvalidInputException("jobs", "jobs must be a list, but was missing");
        }
        List<DagJob> out = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Entry e = jobs.get(i);
            String field = "jobs[" + i + "]";
            if (e == null || e.spec() == null) {
                throw new InvalidInputException(field + ".spec", field + ".spec must be a job spec, but was missing");
            }
            try {
                out.add(new DagJob(e.key(), e.spec().toSpec(), e.after()));
            } catch (InvalidInputException bad) {
                throw new InvalidInputException(field + ".spec." + bad.field(), field + " ('" + e.key() + "'): "
                        + bad.getMessage());
            }
        }
        return out;
    }
}
