namespace Esp32At.Demos.Mqtt
{
    /// <summary>Where the demo writes: whole lines, and a status line that rewrites itself on a terminal.</summary>
    public interface IDemoLog
    {
        /// <summary>A line that stays.</summary>
        void Line(string text);

        /// <summary>The live status line (replaced by the next one on a terminal).</summary>
        void Progress(string text);
    }
}
