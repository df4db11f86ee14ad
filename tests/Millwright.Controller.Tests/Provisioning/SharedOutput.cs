namespace Millwright.Controller.Tests.Provisioning;

/// <summary>What a tool running on another thread has written so far, safe to read while it writes.</summary>
internal sealed class SharedOutput : IDisposable
{
    private readonly StringWriter _text = new();

    public SharedOutput()
    {
        Writer = TextWriter.Synchronized(_text);
    }

    public TextWriter Writer { get; }

    /// <summary>The synchronized writer locks itself for each write; reading under the same lock sees whole writes.</summary>
    public string Text
    {
        get
        {
            lock (Writer)
            {
                return _text.ToString();
            }
        }
    }

    public void Dispose() => Writer.Dispose();
}
