namespace Esp32At.Demos.DeviceTests
{
    /// <summary>
    /// The machine on the other end of the network tests: it runs a TCP and a UDP echo server, an HTTP(S) server, and
    /// can open a connection to the ESP's own server (the "server accept" test needs someone to call in).
    /// </summary>
    public interface IPeer
    {
        /// <summary>
        /// Connects to the ESP's server on <paramref name="espPort"/> (at <paramref name="espAddress"/>), sends
        /// <paramref name="greeting"/> and returns what the ESP answered (up to a line end or close), or null on failure.
        /// </summary>
        string CallEspServer(string espAddress, int espPort, string greeting);
    }
}
