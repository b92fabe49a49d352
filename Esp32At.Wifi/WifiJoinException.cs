using Esp32At.Engine;

namespace Esp32At.Wifi
{
    /// <summary>Why joining a network failed (<c>+CWJAP:&lt;code&gt;</c>, spec §2.2).</summary>
    public enum WifiJoinFailure
    {
        /// <summary>The ESP gave no reason (ERROR without <c>+CWJAP:</c>, e.g. not in station mode).</summary>
        Unknown = 0,
        /// <summary>1: no answer within the join timeout.</summary>
        Timeout = 1,
        /// <summary>2: wrong password (4-way handshake failed).</summary>
        WrongPassword = 2,
        /// <summary>3: no access point with that SSID (or BSSID) was found.</summary>
        NoAccessPoint = 3,
        /// <summary>4: the connection failed for another reason.</summary>
        Failed = 4
    }

    /// <summary>Joining a network failed; <see cref="Reason"/> says why. The message never contains the password.</summary>
    public class WifiJoinException : AtCommandException
    {
        /// <summary>Creates the exception.</summary>
        public WifiJoinException(string command, string code, WifiJoinFailure reason)
            : base(command, code, "could not join the network: " + Describe(reason))
        {
            Reason = reason;
        }

        /// <summary>Why the join failed.</summary>
        public WifiJoinFailure Reason { get; private set; }

        /// <summary>A short English text for <paramref name="reason"/>.</summary>
        public static string Describe(WifiJoinFailure reason)
        {
            switch (reason)
            {
                case WifiJoinFailure.Timeout: return "connection timed out";
                case WifiJoinFailure.WrongPassword: return "wrong password";
                case WifiJoinFailure.NoAccessPoint: return "no network with that SSID";
                case WifiJoinFailure.Failed: return "connection failed";
                default: return "the ESP refused the join";
            }
        }
    }
}
