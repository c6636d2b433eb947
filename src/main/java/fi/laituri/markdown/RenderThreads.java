package fi.laituri.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Threads with the large stack the Markdown parser and renderer need: they recurse once per level of nesting, and
 * nothing a body holds may overflow the stack. {@link Markdown} parses a body on such a thread; called from one, it
 * parses the body right there, and called from any other thread (a request's), it hands the body to one of its own
 * and waits for it within a time budget. A site build renders its pages on these threads ({@link #forEach}): handing
 * each of ten thousands of bodies to another thread and waiting for it took a tenth of a full build.
 */
public final class RenderThreads {

    /** Far more than a body within {@link MarkdownLimits} needs: they are there so that no body overflows it. */
    static final long STACK_BYTES = 64L << 20;

    private RenderThreads() {
    }

    /** A thread with the large stack. */
    static final class RenderThread extends Thread {
        RenderThread(Runnable task, String name) {
            super(null, task, name, STACK_BYTES);
        }
    }

    /** Whether the running thread is one with the large stack, on which a body may be parsed where it is. */
    static boolean current() {
        return Thread.currentThread() instanceof RenderThread;
    }

    /**
     * Runs {@code action} on every item, on a render thread per core, each taking the next item until none is left;
     * returns when all are done. The first exception or error an action throws stops the others taking more and is
     * thrown here, as it was thrown.
     */
    public static <T> void forEach(String name, List<T> items, Consumer<? super T> action) {
        int threads = Math.min(items.size(), Runtime.getRuntime().availableProcessors());
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Runnable work = () -> {
            try {
                for (int i = next.getAndIncrement(); i < items.size() && failed.get() == null; i = next.getAndIncrement()) {
                    action.accept(items.get(i));
                }
            } catch (Throwable t) {
                failed.compareAndSet(null, t);
            }
        };
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Thread thread = new RenderThread(work, name + "-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        boolean interrupted = false;
        for (Thread thread : started) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    // As a parallel stream's forEach, this waits for its work to end; the interrupt is kept for the caller.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failed.get();
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
