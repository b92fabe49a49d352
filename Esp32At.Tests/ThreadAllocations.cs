namespace Esp32At.Tests;

/// <summary>The starting point of a zero-allocation measurement on the calling thread.</summary>
public static class ThreadAllocations
{
    /// <summary>
    /// Empties the thread's allocation context (a collection retires it), then returns
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/>. Without the collection the runtime's counter sometimes
    /// counted part of the unused remainder of the context the set-up left: 120-7624 B, always under one 8 KB
    /// quantum, within one read that waited, in first test runs of clean clones only. Probes put it inside the
    /// executor's wait for an answer, where nothing allocates, and nested spans summed to more than the whole, so the
    /// counter was not even monotonic. A thread that allocates nothing then takes no context at all.
    /// </summary>
    public static long Start()
    {
        GC.Collect();
        return GC.GetAllocatedBytesForCurrentThread();
    }
}
