using System;
using System.Net.Sockets;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.TinyCLR.Provider
{
    // Error mapping: a library failure becomes the SocketError TinyCLR code expects.
    public sealed partial class Esp32AtNetworkProvider
    {
        /// <summary>Maps a library failure to the SocketError TinyCLR code expects and remembers it for GetOption(Error).</summary>
        private SocketException Fail(ProviderSocket s, Exception e, SocketError fallback)
        {
            var error = fallback;
            if (e is SocketException) return (SocketException)e;
            if (e is LinkResetException) error = SocketError.ConnectionReset;
            else if (e is AtTimeoutException) error = SocketError.TimedOut;
            else if (e is AtBusyException) error = SocketError.TryAgain;
            else if (e is AtRebootedException) error = SocketError.NetworkReset;
            else if (e is ArgumentException) error = SocketError.InvalidArgument;
            else if (e is InvalidOperationException && e.Message.IndexOf("in use") >= 0) error = SocketError.TooManyOpenSockets;
            else if (e is InvalidOperationException) error = SocketError.NotConnected;
            s.Error = (int)error;
            Note("socket " + s.Handle + ": " + error + " (" + e.Message + ")");
            return SocketErrors.Create(error);
        }
    }
}
