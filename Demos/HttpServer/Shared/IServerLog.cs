namespace Esp32At.Demos.HttpServer
{
    /// <summary>Where the server reports: the console on the host, the debug output on the device.</summary>
    public interface IServerLog
    {
        /// <summary>One line.</summary>
        void Line(string text);
    }
}
