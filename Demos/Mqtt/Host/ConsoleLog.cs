namespace Esp32At.Demos.Mqtt;

/// <summary>The demo's output on a console: the status line rewrites itself on a terminal and becomes plain lines in a log.</summary>
public sealed class ConsoleLog(TextWriter output, bool interactive) : IDemoLog
{
    private bool progressShown;

    /// <summary>The process's console.</summary>
    public static ConsoleLog ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Line(string text)
    {
        lock (output)
        {
            if (progressShown && interactive) output.Write("\r\u001b[2K");
            progressShown = false;
            output.WriteLine(text);
        }
    }

    public void Progress(string text)
    {
        lock (output)
        {
            if (interactive)
            {
                output.Write("\r\u001b[2K" + text);
                progressShown = true;
            }
            else output.WriteLine(text);
        }
    }
}
