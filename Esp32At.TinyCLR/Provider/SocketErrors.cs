using System.Net.Sockets;

namespace Esp32At.TinyCLR.Provider
{
    /// <summary>Creates <see cref="SocketException"/>s the way each world allows (TinyCLR 2.2: only the SocketError constructor).</summary>
    internal static class SocketErrors
    {
        public static SocketException Create(SocketError error)
        {
#if ESP32AT_HOST
            return new SocketException((int)error);
#else
            return new SocketException(error);
#endif
        }
    }
}
