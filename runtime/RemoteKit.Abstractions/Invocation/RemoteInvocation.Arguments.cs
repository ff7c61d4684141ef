namespace RemoteKit;

/// <summary>Argument readers for generated invokers: one call reads every argument, in parameter order.</summary>
public sealed partial class RemoteInvocation
{
    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <param name="a1">Argument 1.</param>
    public void ReadArguments<T1>(out T1 a1)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    public void ReadArguments<T1, T2>(out T1 a1, out T2 a2)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    public void ReadArguments<T1, T2, T3>(out T1 a1, out T2 a2, out T3 a3)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    public void ReadArguments<T1, T2, T3, T4>(out T1 a1, out T2 a2, out T3 a3, out T4 a4)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    public void ReadArguments<T1, T2, T3, T4, T5>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7, T8>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
            a8 = reader.ReadValue<T8>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7, T8, T9>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
            a8 = reader.ReadValue<T8>()!;
            a9 = reader.ReadValue<T9>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
            a8 = reader.ReadValue<T8>()!;
            a9 = reader.ReadValue<T9>()!;
            a10 = reader.ReadValue<T10>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
            a8 = reader.ReadValue<T8>()!;
            a9 = reader.ReadValue<T9>()!;
            a10 = reader.ReadValue<T10>()!;
            a11 = reader.ReadValue<T11>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
            a8 = reader.ReadValue<T8>()!;
            a9 = reader.ReadValue<T9>()!;
            a10 = reader.ReadValue<T10>()!;
            a11 = reader.ReadValue<T11>()!;
            a12 = reader.ReadValue<T12>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <typeparam name="T13">The type of argument 13.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12, out T13 a13)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
            a8 = reader.ReadValue<T8>()!;
            a9 = reader.ReadValue<T9>()!;
            a10 = reader.ReadValue<T10>()!;
            a11 = reader.ReadValue<T11>()!;
            a12 = reader.ReadValue<T12>()!;
            a13 = reader.ReadValue<T13>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <typeparam name="T13">The type of argument 13.</typeparam>
    /// <typeparam name="T14">The type of argument 14.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <param name="a14">Argument 14.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12, out T13 a13, out T14 a14)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
            a8 = reader.ReadValue<T8>()!;
            a9 = reader.ReadValue<T9>()!;
            a10 = reader.ReadValue<T10>()!;
            a11 = reader.ReadValue<T11>()!;
            a12 = reader.ReadValue<T12>()!;
            a13 = reader.ReadValue<T13>()!;
            a14 = reader.ReadValue<T14>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <typeparam name="T13">The type of argument 13.</typeparam>
    /// <typeparam name="T14">The type of argument 14.</typeparam>
    /// <typeparam name="T15">The type of argument 15.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <param name="a14">Argument 14.</param>
    /// <param name="a15">Argument 15.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12, out T13 a13, out T14 a14, out T15 a15)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
            a8 = reader.ReadValue<T8>()!;
            a9 = reader.ReadValue<T9>()!;
            a10 = reader.ReadValue<T10>()!;
            a11 = reader.ReadValue<T11>()!;
            a12 = reader.ReadValue<T12>()!;
            a13 = reader.ReadValue<T13>()!;
            a14 = reader.ReadValue<T14>()!;
            a15 = reader.ReadValue<T15>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Reads the caller-supplied arguments.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <typeparam name="T13">The type of argument 13.</typeparam>
    /// <typeparam name="T14">The type of argument 14.</typeparam>
    /// <typeparam name="T15">The type of argument 15.</typeparam>
    /// <typeparam name="T16">The type of argument 16.</typeparam>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <param name="a14">Argument 14.</param>
    /// <param name="a15">Argument 15.</param>
    /// <param name="a16">Argument 16.</param>
    public void ReadArguments<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12, out T13 a13, out T14 a14, out T15 a15, out T16 a16)
    {
        var reader = CreateArgumentReader();
        try
        {
            a1 = reader.ReadValue<T1>()!;
            a2 = reader.ReadValue<T2>()!;
            a3 = reader.ReadValue<T3>()!;
            a4 = reader.ReadValue<T4>()!;
            a5 = reader.ReadValue<T5>()!;
            a6 = reader.ReadValue<T6>()!;
            a7 = reader.ReadValue<T7>()!;
            a8 = reader.ReadValue<T8>()!;
            a9 = reader.ReadValue<T9>()!;
            a10 = reader.ReadValue<T10>()!;
            a11 = reader.ReadValue<T11>()!;
            a12 = reader.ReadValue<T12>()!;
            a13 = reader.ReadValue<T13>()!;
            a14 = reader.ReadValue<T14>()!;
            a15 = reader.ReadValue<T15>()!;
            a16 = reader.ReadValue<T16>()!;
        }
        finally
        {
            reader.Dispose();
        }
    }
}
