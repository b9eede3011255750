/*
 * Prints the /proc/cpuinfo an arm64 Linux kernel would show for the CPU qemu emulates: the feature names of
 * its HWCAP bits (arch/arm64/kernel/cpuinfo.c order) and its MIDR_EL1 fields. qemu-user passes the host's
 * x86 /proc/cpuinfo through, and ONNX Runtime's cpuinfo library parses it as an ARM one: on some x86 hosts it
 * crashes (NULL dereference after reading the cache topology), and a fixed ARM file that claims more than the
 * emulated CPU has makes it pick kernels that trap. The driver writes this output where qemu -L finds it.
 * Usage: guest-cpuinfo <processor count>
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>

static const char *const hwcap_names[] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp", "asimdhp",
    "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512",
    "sve", "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg",
};

static const char *const hwcap2_names[] = {
    "dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3", "svesm4", "flagm2", "frint",
    "svei8mm", "svef32mm", "svef64mm", "svebf16", "i8mm", "bf16", "dgh", "rng", "bti", "mte", "ecv",
    "afp", "rpres", "mte3", "sme", "sme_i16i64", "sme_f64f64", "sme_i8i32", "sme_f16f32", "sme_b16f32",
    "sme_f32f32", "sme_fa64", "wfxt", "ebf16", "sve_ebf16",
};

static void print_features(unsigned long bits, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (bits & (1UL << i)) {
            printf(" %s", names[i]);
        }
    }
}

int main(int argc, char **argv)
{
    int processors = argc > 1 ? atoi(argv[1]) : 1;
    unsigned long hwcap = getauxval(AT_HWCAP), hwcap2 = getauxval(AT_HWCAP2);
    uint64_t midr = 0;
    if (hwcap & (1UL << 11)) { /* cpuid: EL0 may read the ID registers */
        __asm__ volatile("mrs %0, midr_el1" : "=r"(midr));
    }

    for (int n = 0; n < processors; n++) {
        printf("processor\t: %d\nBogoMIPS\t: 50.00\nFeatures\t:", n);
        print_features(hwcap, hwcap_names, sizeof hwcap_names / sizeof *hwcap_names);
        print_features(hwcap2, hwcap2_names, sizeof hwcap2_names / sizeof *hwcap2_names);
        printf("\nCPU implementer\t: 0x%02x\nCPU architecture: 8\nCPU variant\t: 0x%x\nCPU part\t: 0x%03x\nCPU revision\t: %u\n\n",
               (unsigned)((midr >> 24) & 0xff), (unsigned)((midr >> 20) & 0xf), (unsigned)((midr >> 4) & 0xfff), (unsigned)(midr & 0xf));
    }

    return 0;
}
