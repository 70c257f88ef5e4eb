using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Grid.Silo.Api.V1;

/// <summary>
/// Reads the items of an intake body as they arrive, one small <see cref="JsonDocument"/> at a time,
/// never the whole body: a JSON array of items, an object whose <c>wrapper</c> property is that array
/// (<c>{"results":[…]}</c>), or JSON lines (one top-level value per line). Memory stays at one item
/// plus the pipe's buffer whatever the body's size, and reading stops after <c>maxItems</c> items.
/// A broken line of JSON lines costs only itself (reading resumes at the next line); JSON broken
/// inside an array ends the reading there, keeping the items before it.
/// </summary>
public sealed class JsonItemStream(string wrapper, int maxItems, int maxItemBytes)
{
    /// <summary>The largest item read whole: an Atlas ping result is under 2 KB.</summary>
    public const int DefaultMaxItemBytes = 64 * 1024;

    /// <summary>What an item that is not the reading's own gets: its index, and the reason (the item is refused).</summary>
    public delegate void ItemProblem(int index, string reason);

    private enum Mode
    {
        TopLevel,
        InArray,
        RestOfWrapper,
        SkipItem,
        SkipLine,
        Done,
    }

    private static readonly JsonReaderOptions Options = new() { AllowMultipleValues = true, MaxDepth = 64 };
    private readonly byte[] _wrapper = System.Text.Encoding.UTF8.GetBytes(wrapper);
    private JsonReaderState _state = new(Options);
    private Mode _mode = Mode.TopLevel;
    private int _arrayDepth;
    private int _skipDepth;
    private bool _inWrapper;

    /// <summary>Items seen so far, the refused ones included.</summary>
    public int Items { get; private set; }

    /// <summary>True when reading stopped at the item limit: the rest of the body was not read.</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// Reads <paramref name="body"/> to its end or to the item limit, calling <paramref name="item"/>
    /// for each item (the element lives only during the call) and <paramref name="problem"/> for
    /// each one that is not JSON or is too large. Returns the bytes read.
    /// </summary>
    public async Task<long> ReadAsync(PipeReader body, Action<int, JsonElement> item, ItemProblem problem, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        long total = 0;
        while (_mode != Mode.Done)
        {
            var read = await body.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (buffer.Length > maxBytes - total)
            {
                throw new BodyTooLargeException();
            }

            var consumed = Step(buffer, read.IsCompleted, item, problem);
            total += buffer.Slice(0, consumed).Length;
            body.AdvanceTo(consumed, buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Parses what <paramref name="buffer"/> holds; returns how far it was consumed (the rest waits for more data).</summary>
    private SequencePosition Step(ReadOnlySequence<byte> buffer, bool final, Action<int, JsonElement> item, ItemProblem problem)
    {
        var reader = new Utf8JsonReader(buffer, final, _state);
        // What is consumed, and the reader's state there: a value cut by the buffer's end is read again from its start.
        var consumed = buffer.Start;
        var state = _state;
        while (_mode != Mode.Done)
        {
            if (_mode == Mode.SkipLine)
            {
                // Drop the rest of a broken line; the next line starts afresh.
                state = new JsonReaderState(Options);
                if (buffer.Slice(consumed).PositionOf((byte)'\n') is not { } newline)
                {
                    consumed = buffer.End;
                    _mode = final ? Mode.Done : Mode.SkipLine;
                    break;
                }

                consumed = buffer.GetPosition(1, newline);
                _mode = Mode.TopLevel;
                reader = new Utf8JsonReader(buffer.Slice(consumed), final, state);
                continue;
            }

            var checkpoint = reader;
            try
            {
                if (!Advance(ref reader, buffer, final, item, problem))
                {
                    break;
                }

                consumed = reader.Position;
                state = reader.CurrentState;
            }
            catch (JsonException)
            {
                // The exception's own text quotes the sender's octets and depends on where the
                // buffer happened to end: the refusal says what to do instead, the same every time.
                var skipping = _mode == Mode.SkipItem;
                if (_mode == Mode.TopLevel || (skipping && _skipDepth == 0))
                {
                    // JSON lines: this line is lost, and reading resumes at the next one.
                    if (!skipping && Counted())
                    {
                        problem(Items - 1, "not JSON: a line of JSON lines holds one whole JSON object");
                    }

                    if (_mode == Mode.Done)
                    {
                        break;
                    }

                    // From the broken value's first octet: the newline before it is not its end.
                    consumed = skipping ? checkpoint.Position : PastWhitespace(buffer, consumed);
                    _mode = Mode.SkipLine;
                    continue;
                }

                if (!skipping && Counted())
                {
                    problem(Items - 1, "the body stops being JSON here: this item and the ones after it were not read; the items before it stand");
                }

                _mode = Mode.Done;
            }
        }

        _state = state;
        return consumed;
    }

    /// <summary>Reads one step (a token, an item, a line's end); false when the buffer holds too little for it.</summary>
    private bool Advance(ref Utf8JsonReader reader, ReadOnlySequence<byte> buffer, bool final, Action<int, JsonElement> item, ItemProblem problem)
    {
        var checkpoint = reader;
        switch (_mode)
        {
            case Mode.TopLevel:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    (_mode, _arrayDepth, _inWrapper) = (Mode.InArray, reader.CurrentDepth, false);
                    return true;
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var scan = reader;
                    var found = FindWrapper(ref scan, buffer, checkpoint.Position);
                    if (found is null)
                    {
                        return false;
                    }

                    if (found == true)
                    {
                        reader = scan;
                        (_mode, _arrayDepth, _inWrapper) = (Mode.InArray, reader.CurrentDepth, true);
                        return true;
                    }
                }

                // One value on its own (a line of JSON lines): an item.
                return ReadItem(ref reader, checkpoint, buffer, final, item, problem);

            case Mode.InArray:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == _arrayDepth)
                {
                    _mode = _inWrapper ? Mode.RestOfWrapper : Mode.TopLevel;
                    return true;
                }

                return ReadItem(ref reader, checkpoint, buffer, final, item, problem);

            case Mode.RestOfWrapper:
                // The wrapper's other properties are not read: skip to its end.
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    _mode = Mode.TopLevel;
                }

                return true;

            case Mode.SkipItem:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.CurrentDepth == _skipDepth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    _mode = _skipDepth == 0 ? Mode.TopLevel : Mode.InArray;
                }

                return true;

            default:
                return false;
        }
    }

    private static SequencePosition PastWhitespace(ReadOnlySequence<byte> buffer, SequencePosition from)
    {
        var rest = buffer.Slice(from);
        var reader = new SequenceReader<byte>(rest);
        reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r', (byte)'\n');
        return reader.Position;
    }

    /// <summary>Counts one more item; false (and reading stops) when it is past the limit.</summary>
    private bool Counted()
    {
        if (Items >= maxItems)
        {
            Truncated = true;
            _mode = Mode.Done;
            return false;
        }

        Items++;
        return true;
    }

    /// <summary>
    /// Reads one item whole, <paramref name="reader"/> on its first token and <paramref name="before"/>
    /// just before it; false (and the reader back before it) when the buffer does not hold all of it
    /// yet. An item over <c>maxItemBytes</c> is refused and skipped token by token, never held whole.
    /// </summary>
    private bool ReadItem(ref Utf8JsonReader reader, Utf8JsonReader before, ReadOnlySequence<byte> buffer, bool final, Action<int, JsonElement> item, ItemProblem problem)
    {
        if (Items >= maxItems)
        {
            Truncated = true;
            _mode = Mode.Done;
            reader = before;
            return false;
        }

        var first = reader;
        if (JsonDocument.TryParseValue(ref reader, out var document))
        {
            using (document)
            {
                var index = Items++;
                if (reader.BytesConsumed - before.BytesConsumed > maxItemBytes)
                {
                    problem(index, TooLarge());
                }
                else if (!IsUtf8(buffer.Slice(before.Position, reader.Position)))
                {
                    // The reader checks JSON's structure, not the octets inside strings: reading such a string would throw.
                    problem(index, "the item is not UTF-8, which JSON text must be (RFC 8259 §8.1)");
                }
                else
                {
                    item(index, document.RootElement);
                }
            }

            return true;
        }

        if (buffer.Slice(before.Position).Length <= maxItemBytes || final)
        {
            reader = before;
            return false;
        }

        // Too large to hold: refuse it now and skip its tokens as they come.
        problem(Items++, TooLarge());
        reader = first;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _skipDepth = reader.CurrentDepth;
            _mode = Mode.SkipItem;
        }

        return true;
    }

    private static bool IsUtf8(ReadOnlySequence<byte> octets) =>
        octets.IsSingleSegment ? System.Text.Unicode.Utf8.IsValid(octets.FirstSpan) : System.Text.Unicode.Utf8.IsValid(octets.ToArray());

    private string TooLarge() => $"the item is over {maxItemBytes / 1024} KB: no single result or point is that large";

    /// <summary>
    /// From an object's start at the top level, looks for the wrapper property holding an array:
    /// true with <paramref name="scan"/> on that array's start, false when the object has none (it
    /// is an item itself), null when the buffer does not tell yet.
    /// </summary>
    private bool? FindWrapper(ref Utf8JsonReader scan, ReadOnlySequence<byte> buffer, SequencePosition start)
    {
        while (true)
        {
            if (buffer.Slice(start, scan.Position).Length > maxItemBytes)
            {
                // Too far in without the wrapper: not a batch; read as one (too large) item.
                return false;
            }

            if (!scan.Read())
            {
                return buffer.Slice(start).Length > maxItemBytes ? false : null;
            }

            if (scan.TokenType == JsonTokenType.EndObject && scan.CurrentDepth == 0)
            {
                return false;
            }

            if (scan.TokenType != JsonTokenType.PropertyName || scan.CurrentDepth != 1)
            {
                continue;
            }

            var named = scan.ValueTextEquals(_wrapper);
            if (!scan.Read())
            {
                return buffer.Slice(start).Length > maxItemBytes ? false : null;
            }

            if (named && scan.TokenType == JsonTokenType.StartArray)
            {
                return true;
            }

            if (!scan.TrySkip())
            {
                return buffer.Slice(start).Length > maxItemBytes ? false : null;
            }
        }
    }
}
