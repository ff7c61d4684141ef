using System.Buffers;
using System.Collections.Concurrent;
using MemoryPack;

namespace RemoteKit;

/// <summary>
/// An engine's variables: name → value, kept between tasks. Values pushed by clients are kept as the bytes that
/// arrived (with their type name) until a task reads them as a type, so a pull sends them back without re-encoding.
/// </summary>
public sealed class EngineNamespace
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The names currently defined.</summary>
    public IReadOnlyCollection<string> Names => _entries.Keys.ToArray();

    /// <summary>Whether <paramref name="name"/> is defined.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns><see langword="true"/> if defined.</returns>
    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Sets a variable.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value.</param>
    public void Set<T>(string name, T value) => _entries[name] = Entry.FromValue(value, typeof(T));

    /// <summary>Removes a variable.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns><see langword="true"/> if it was defined.</returns>
    public bool Remove(string name) => _entries.TryRemove(name, out _);

    /// <summary>Reads a variable as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read it as.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="value">The value, when found.</param>
    /// <returns><see langword="true"/> if the variable exists.</returns>
    public bool TryGet<T>(string name, out T value)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            value = default!;
            return false;
        }

        value = entry.As<T>(name);
        _entries.TryUpdate(name, Entry.FromValue(value, typeof(T)), entry);
        return true;
    }

    /// <summary>Reads a variable as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read it as.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No variable has that name.</exception>
    public T Get<T>(string name) => TryGet<T>(name, out var value)
        ? value
        : throw new KeyNotFoundException($"The engine namespace has no variable named '{name}'.");

    internal T GetForGlobal<T>(string name, int engineId) => TryGet<T>(name, out var value)
        ? value
        : throw new KeyNotFoundException(
            $"[Global] parameter '{name}': engine {engineId} has no variable named '{name}' in its namespace. " +
            $"Set it first, e.g. view[\"{name}\"] = value or view.Push(...).");

    internal object? GetBoxed(string name, Type type)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            throw new KeyNotFoundException($"The engine namespace has no variable named '{name}'.");
        }

        if (!entry.IsSerialized)
        {
            return entry.Value;
        }

        var value = MemoryPackSerializer.Deserialize(type, new ReadOnlySequence<byte>(entry.Bytes));
        _entries.TryUpdate(name, Entry.FromValue(value, type), entry);
        return value;
    }

    internal void SetBoxed(string name, object? value, Type declared) => _entries[name] = Entry.FromValue(value, declared);

    internal void SetSerialized(string name, string typeName, ReadOnlyMemory<byte> bytes) =>
        _entries[name] = Entry.FromBytes(typeName, bytes);

    internal bool TryGetEntry(string name, out Entry entry) => _entries.TryGetValue(name, out entry!);

    internal void Clear() => _entries.Clear();

    /// <summary>A variable: a live value, or bytes with an assembly-qualified type name not yet decoded.</summary>
    internal sealed class Entry
    {
        private Entry(object? value, Type? type, string typeName, ReadOnlyMemory<byte> bytes, bool isSerialized)
        {
            Value = value;
            Type = type;
            TypeName = typeName;
            Bytes = bytes;
            IsSerialized = isSerialized;
        }

        public object? Value { get; }

        public Type? Type { get; }

        public string TypeName { get; }

        public ReadOnlyMemory<byte> Bytes { get; }

        public bool IsSerialized { get; }

        public static Entry FromValue(object? value, Type declared)
        {
            var type = value?.GetType() ?? declared;
            return new Entry(value, type, TypeNames.Of(type), default, false);
        }

        public static Entry FromBytes(string typeName, ReadOnlyMemory<byte> bytes) =>
            new(null, null, typeName, bytes, true);

        public T As<T>(string name)
        {
            if (!IsSerialized)
            {
                if (Value is T t)
                {
                    return t;
                }

                if (Value is null && default(T) is null)
                {
                    return default!;
                }

                throw new InvalidCastException(
                    $"Variable '{name}' holds a {Type?.FullName ?? "null"}, which cannot be read as {typeof(T).FullName}.");
            }

            var type = TypeNames.Resolve(TypeName);
            if (type is not null && type != typeof(T) && !typeof(T).IsAssignableFrom(type))
            {
                throw new InvalidCastException(
                    $"Variable '{name}' holds a {type.FullName}, which cannot be read as {typeof(T).FullName}.");
            }

            return MemoryPackSerializer.Deserialize<T>(new ReadOnlySequence<byte>(Bytes))!;
        }

        /// <summary>Writes the value's bytes: the original ones if never decoded.</summary>
        public void WriteTo(IBufferWriter<byte> output)
        {
            if (IsSerialized)
            {
                output.Write(Bytes.Span);
            }
            else
            {
                MemoryPackSerializer.Serialize(Type!, output, Value);
            }
        }
    }
}
