package outpost.console.ui.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/** Background work as Eclipse Jobs: shown in the Progress view unless system, cancelled before it starts. */
final class JobBackgroundWork implements BackgroundWork {

    @Override
    public Task schedule(String name, long delayMillis, boolean system, Runnable work) {
        Job job = Job.create(name, (IProgressMonitor monitor) -> {
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            work.run();
            return Status.OK_STATUS;
        });
        job.setSystem(system);
        job.schedule(delayMillis);
        return job::cancel;
    }
}
