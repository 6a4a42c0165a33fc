package io.stratus.dispatcher.job;

import io.stratus.common.access.Access;
import io.stratus.common.job.Job;
import io.stratus.common.job.JobStore;
import io.stratus.dispatcher.access.Actor;
import io.stratus.dispatcher.access.Requires;
import io.stratus.dispatcher.web.DispatchException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A job as the user follows it: status, progress, message, resource. A user with the right to read
 * jobs qualified ANY sees every job of the customer; otherwise only its own.
 */
@RestController
@RequestMapping("/jobs")
public class JobController {
  private final JobStore jobs;

  public JobController(JobStore jobs) {
    this.jobs = jobs;
  }

  @Requires(resource = "job", action = "read")
  @GetMapping("/{id}")
  public Job job(Actor actor, @PathVariable long id) {
    // A user whose right reaches only its own jobs sees another user's as none, as in the console.
    return jobs.find(actor.customerId(), id)
        .filter(job -> actor.access() == null || reaches(actor.access(), job))
        .orElseThrow(() -> DispatchException.notFound("job", id));
  }

  private static boolean reaches(Access access, Job job) {
    return access.owns(access.qualifier("job", "read"), job.userId(), null);
  }
}
