namespace RemoteKit.Generators.Tests;

public class MethodIdTests
{
    private static Dictionary<string, ulong> Ids(params string[] sources)
    {
        var assembly = CSharpGeneratorRunner.EmitAndLoad(CSharpGeneratorRunner.Run(sources).Compilation);
        return InvocationHarness.CreateProvider(assembly).CreateInvokers().ToDictionary(i => i.Method.Name, i => i.Method.Id);
    }

    [Fact]
    public void Same_signature_gives_same_id_across_compilations()
    {
        var first = Ids(Sources.Work);
        var second = Ids("// a different file\n" + Sources.Work.Replace("Thread.Sleep(1000);", "Thread.Sleep(1);", StringComparison.Ordinal));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Id_is_FNV_1a_of_the_fully_qualified_signature()
    {
        Assert.Equal(Fnv1a64("global::Work.SlowPower(long, int) -> long"), Ids(Sources.Work)["Work.SlowPower(long, int)"]);
        Assert.Equal(
            Fnv1a64("global::Work.WhoAmI(global::RemoteKit.RemoteContext, global::System.Threading.CancellationToken) -> global::System.Threading.Tasks.Task<string>"),
            Ids(Sources.Work)["Work.WhoAmI(RemoteContext, CancellationToken)"]);
    }

    [Fact]
    public void Overloads_get_distinct_ids()
    {
        var ids = Ids(Sources.Shapes);

        var adds = ids.Where(p => p.Key.StartsWith("Outer.Shapes.Add(", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        Assert.Equal(3, adds.Count);
        Assert.Equal(3, adds.Distinct().Count());
    }

    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
