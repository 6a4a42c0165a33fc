package io.stratus.dispatcher.job;

import io.stratus.common.job.Job;
import io.stratus.common.job.JobStore;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.web.DispatchException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A job as the user follows it: status, progress, message, resource. */
@RestController
@RequestMapping("/jobs")
public class JobController {
  private final JobStore jobs;

  public JobController(JobStore jobs) {
    this.jobs = jobs;
  }

  @GetMapping("/{id}")
  public Job job(Actor actor, @PathVariable long id) {
    return jobs.find(actor.customerId(), id)
        .orElseThrow(() -> DispatchException.notFound("job", id));
  }
}
