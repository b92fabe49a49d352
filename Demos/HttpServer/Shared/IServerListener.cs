namespace Esp32At.Demos.HttpServer
{
    /// <summary>Where clients come from.</summary>
    public interface IServerListener
    {
        /// <summary>The next client, or null when none arrived within <paramref name="timeoutMs"/>.</summary>
        IServerConnection Accept(int timeoutMs);
    }
}
