using System;
using Esp32At.Wifi;

namespace Esp32At.CircuitPython
{
    /// <summary>The core's <c>ConnectionError</c> from <c>Radio.connect</c>; the message never holds the password.</summary>
    public class ConnectionError : Exception
    {
        /// <summary>Creates the error.</summary>
        public ConnectionError(string message, WifiJoinFailure reason, Exception inner) : base(message, inner)
        {
            Reason = reason;
        }

        /// <summary>Why the join failed (<see cref="WifiJoinFailure.Timeout"/> when no answer came in time).</summary>
        public WifiJoinFailure Reason { get; private set; }

        /// <summary>The core's message for a reason.</summary>
        internal static string MessageFor(WifiJoinFailure reason)
        {
            switch (reason)
            {
                case WifiJoinFailure.WrongPassword: return "Authentication failure";
                case WifiJoinFailure.NoAccessPoint: return "No network with that ssid";
                case WifiJoinFailure.Timeout: return "Timed out";
                case WifiJoinFailure.Failed: return "Unknown failure 4";
                default: return "Unknown failure";
            }
        }
    }
}
