using System;

namespace Esp32At.Engine
{
    /// <summary>The ESP answered a command with <c>ERROR</c> (or a command-specific failure code).</summary>
    public class AtCommandException : Exception
    {
        /// <summary>Creates the exception for <paramref name="command"/> (already redacted).</summary>
        public AtCommandException(string command, string code, string message) : base(message)
        {
            Command = command;
            Code = code;
        }

        /// <summary>The command, with secrets redacted.</summary>
        public string Command { get; private set; }

        /// <summary>The failure code the ESP gave (e.g. <c>ERR CODE:0x01090000</c>, <c>+CWJAP:2</c>), or null.</summary>
        public string Code { get; private set; }
    }

    /// <summary>No final result arrived within the command's timeout (TinyCLR has no TimeoutException).</summary>
    public class AtTimeoutException : AtCommandException
    {
        /// <summary>Creates the exception.</summary>
        public AtTimeoutException(string command, int timeoutMs)
            : base(command, null, command + ": no answer from the ESP within " + timeoutMs + " ms")
        {
        }
    }

    /// <summary>The ESP was busy (<c>busy p...</c>) and dropped a command that is not safe to send again blindly.</summary>
    public class AtBusyException : AtCommandException
    {
        /// <summary>Creates the exception.</summary>
        public AtBusyException(string command)
            : base(command, "busy p...", command + ": the ESP was busy and dropped the command; check its state before retrying")
        {
        }
    }

    /// <summary>The ESP rebooted (unsolicited <c>ready</c>) while the command ran.</summary>
    public class AtRebootedException : AtCommandException
    {
        /// <summary>Creates the exception.</summary>
        public AtRebootedException(string command)
            : base(command, "ready", command + ": the ESP rebooted while the command ran; all links were reset")
        {
        }
    }

    /// <summary>
    /// Bytes from the ESP were lost on the UART (the transport reported a receive error) while a receive command's
    /// answer was due: its payload may have a hole, so none of it is handed out.
    /// </summary>
    public class AtReceiveLostException : AtCommandException
    {
        /// <summary>Creates the exception.</summary>
        public AtReceiveLostException(string command)
            : base(command, "receive error", command + ": bytes from the ESP were lost on the UART during its answer")
        {
        }
    }
}
