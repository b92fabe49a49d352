namespace Esp32At.Demos.HttpServer;

/// <summary>Server log lines on the console, time-stamped.</summary>
public sealed class ConsoleServerLog : IServerLog
{
    public void Line(string text)
    {
        lock (this) Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {text}");
    }
}
