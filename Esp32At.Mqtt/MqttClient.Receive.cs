using System;
using System.Threading;

namespace Esp32At.Mqtt
{
    /// <summary>
    /// Joins the pieces of <c>+MQTTSUBRECV</c>: the firmware hands a message longer than its 1024-byte buffer over as
    /// several notices, each with its own length. A piece that filled the buffer exactly may be followed by more of the
    /// same message: it is held until a shorter piece, another topic or a quiet <see cref="JoinWaitMs"/> ends it.
    /// </summary>
    public sealed partial class MqttClient
    {
        /// <summary>esp-mqtt's default buffer for one received packet (header, topic and payload).</summary>
        public const int FirmwareBufferBytes = 1024;
        private const int JoinWaitMs = 150;

        private readonly object receiveGate = new object();
        private string pieceTopic;
        private byte[] message = new byte[0];
        private int messageLength;
        private int pieceRemaining;
        private int pieceLength;
        private bool holding; // a full-buffer piece was complete: more may follow
        private Timer joinTimer;

        // Pump thread: "+MQTTSUBRECV:0,"<topic>",<len>," was read; <length> payload bytes follow.
        private void OnPieceStart(byte[] header, int headerLength, int length)
        {
            int first = -1, last = -1;
            for (int i = 0; i < headerLength; i++)
                if (header[i] == '"') { if (first < 0) first = i; last = i; }
            string topic = first >= 0 && last > first ? new string(System.Text.Encoding.UTF8.GetChars(header, first + 1, last - first - 1)) : "";
            lock (receiveGate)
            {
                bool continues = holding && topic == pieceTopic;
                if (holding && !continues) Complete();
                holding = false;
                if (!continues)
                {
                    pieceTopic = topic;
                    messageLength = 0;
                }
                Grow(messageLength + length);
                pieceRemaining = length;
                pieceLength = length;
                if (length == 0) PieceDone();
            }
        }

        // Pump thread: payload bytes of the current piece.
        private void OnPieceData(int linkId, byte[] buffer, int offset, int count)
        {
            lock (receiveGate)
            {
                int n = count < pieceRemaining ? count : pieceRemaining;
                Array.Copy(buffer, offset, message, messageLength, n);
                messageLength += n;
                pieceRemaining -= n;
                if (pieceRemaining == 0) PieceDone();
            }
        }

        private void PieceDone()
        {
            if (!FilledBuffer(pieceLength, messageLength == pieceLength, pieceTopic))
            {
                Complete();
                return;
            }
            holding = true;
            if (joinTimer == null) joinTimer = new Timer(OnJoinQuiet, null, JoinWaitMs, Timeout.Infinite);
            else joinTimer.Change(JoinWaitMs, Timeout.Infinite);
        }

        private void OnJoinQuiet(object state)
        {
            lock (receiveGate)
            {
                if (!holding) return;
                holding = false;
                Complete();
            }
        }

        // Whether a piece of this length filled the firmware's buffer: then the message may go on in the next notice.
        private static bool FilledBuffer(int length, bool firstPiece, string topic)
        {
            if (!firstPiece) return length == FirmwareBufferBytes;
            int topicBytes = System.Text.Encoding.UTF8.GetBytes(topic).Length;
            // Fixed header 1 + 2 or 3 length bytes; topic length field 2 + topic; packet id 2 when QoS > 0.
            for (int lengthBytes = 2; lengthBytes <= 3; lengthBytes++)
                for (int id = 0; id <= 2; id += 2)
                    if (length == FirmwareBufferBytes - 1 - lengthBytes - 2 - topicBytes - id) return true;
            return false;
        }

        private void Complete()
        {
            var payload = new byte[messageLength];
            Array.Copy(message, payload, messageLength);
            messageLength = 0;
            QueueMessage(pieceTopic, payload);
        }

        private void Grow(int needed)
        {
            if (message.Length >= needed) return;
            int size = message.Length == 0 ? 256 : message.Length;
            while (size < needed) size *= 2;
            var bigger = new byte[size];
            Array.Copy(message, bigger, messageLength);
            message = bigger;
        }
    }
}
