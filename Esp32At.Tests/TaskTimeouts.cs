namespace Esp32At.Tests;

/// <summary>
/// Awaitable bounded waits for tests that run blocking device calls on a worker task: the test awaits instead of
/// blocking its own thread (xUnit1031), and a wait that must not end still has a time window.
/// </summary>
public static class TaskTimeouts
{
    /// <summary>True when <paramref name="task"/> finished (in any way) within <paramref name="ms"/>.</summary>
    public static async Task<bool> Within(this Task task, int ms) => await Task.WhenAny(task, Task.Delay(ms)) == task;
}
