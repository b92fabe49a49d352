namespace Esp32At.Engine
{
    /// <summary>Receives the AT traffic in readable form, secrets already redacted. Called on the caller's or the pump's thread.</summary>
    public interface IAtTraceSink
    {
        /// <summary>One event: <paramref name="direction"/> is <c>"&gt;&gt;"</c> (to the ESP), <c>"&lt;&lt;"</c> (from it) or <c>"--"</c> (engine note).</summary>
        void Trace(string direction, string text);
    }
}
