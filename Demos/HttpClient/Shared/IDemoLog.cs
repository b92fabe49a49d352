namespace Esp32At.Demos.HttpClient
{
    /// <summary>Where the demo prints: the console on the host, the debug output on the device.</summary>
    public interface IDemoLog
    {
        /// <summary>One finished line.</summary>
        void Line(string text);

        /// <summary>A progress line that the next progress or line replaces (where the output can do that).</summary>
        void Progress(string text);
    }
}
