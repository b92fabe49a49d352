namespace Esp32At.Engine
{
    /// <summary>How a command exchange ended.</summary>
    public enum AtResultCode
    {
        /// <summary><c>OK</c>.</summary>
        Ok = 0,
        /// <summary><c>ERROR</c> (or <c>FAIL</c>).</summary>
        Error = 1,
        /// <summary><c>SEND OK</c>: the data was handed to the ESP's TCP/IP stack (not acknowledged by the peer).</summary>
        SendOk = 2,
        /// <summary><c>SEND FAIL</c>: part of the data may have been sent.</summary>
        SendFail = 3,
        /// <summary><c>SEND Canceled</c> after a lone <c>+++</c>.</summary>
        SendCanceled = 4,
        /// <summary><c>busy p...</c>: the ESP dropped the command line.</summary>
        Busy = 5,
        /// <summary>An unsolicited <c>ready</c>: the ESP rebooted while the command ran.</summary>
        Rebooted = 6,
    }
}
