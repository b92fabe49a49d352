using System.Text;

namespace Esp32At.Demos.HttpServer
{
    /// <summary>The little JSON the server writes.</summary>
    public static class Json
    {
        /// <summary><c>{"error":"..."}</c> with the text escaped.</summary>
        public static byte[] Error(string text)
        {
            var sb = new StringBuilder("{\"error\":\"");
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\') sb.Append('\\').Append(c);
                else if (c < ' ') sb.Append(' ');
                else sb.Append(c);
            }
            return Encoding.UTF8.GetBytes(sb.Append("\"}").ToString());
        }
    }
}
