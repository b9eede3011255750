/*
 * insn-count: a QEMU TCG plugin that counts the guest instructions a program executes.
 *
 * Why it exists: there is no ARM machine here, and the wall time of code emulated by qemu says nothing
 * about its speed on real ARM hardware. The number of ARM instructions it executes does: it is exact,
 * deterministic (the same binary on the same input executes the same instructions), and it is what
 * separates an SDOT kernel from a widening multiply-accumulate kernel. Debian's qemu 7.2 accepts
 * -plugin but ships neither plugins nor the plugin header, so the few declarations of QEMU's public
 * plugin API (API version 1, QEMU 7.x) this plugin uses are written out below.
 *
 * Build: gcc -shared -fPIC -O2 -o insn-count.so insn-count.c
 * Use:   qemu-aarch64 -plugin ./insn-count.so,out=counts.tsv,root=__Layer,root=__Predict,root=__MaxPool$ app args
 *
 * Output (tab-separated, to the out= file, or stderr without one):
 *   total   <n>             every guest instruction executed, by every thread
 *   self    <n>  <symbol>   instructions whose address lies in <symbol>
 *   region  <n>  <order>  <from>  <symbol>
 *           instructions executed by a thread while <symbol> was the "root" function (a symbol that
 *           contains one of the root= strings, or ends with one written with a trailing '$') it last entered, coming from the instruction at address
 *           <from> (hex): a root's own code plus every non-root function it calls. Keying regions by
 *           where they were entered from tells apart two calls of one kernel (two max-pool layers
 *           inlined into Predict), and <order> (when the region was first entered) tells which is which.
 *   insn    <n>  <mnemonic> executions of the 8-bit dot-product and matrix-multiply instructions (SDOT, UDOT,
 *           USDOT, SUDOT, SMMLA, UMMLA, USMMLA; Advanced SIMD and SVE forms), by every thread: they tell
 *           which kernel path a library took when its code has no symbols (ONNX Runtime's stripped
 *           libonnxruntime.so).
 * Symbols come from qemu's lookup in the executable's own symbol table, so the binary must not be
 * stripped; code outside it (the dynamic loader, libc) is reported as "?".
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

/* ---- The part of QEMU's plugin API (include/qemu/qemu-plugin.h, QEMU 7.2) this plugin uses. ---- */

typedef uint64_t qemu_plugin_id_t;

typedef struct qemu_info_t {
    const char *target_name;
    struct {
        int min;
        int cur;
    } version;
    bool system_emulation;
    union {
        struct {
            int smp_vcpus;
            int max_vcpus;
        } system;
    };
} qemu_info_t;

struct qemu_plugin_tb;
struct qemu_plugin_insn;

enum qemu_plugin_cb_flags {
    QEMU_PLUGIN_CB_NO_REGS,
    QEMU_PLUGIN_CB_R_REGS,
    QEMU_PLUGIN_CB_RW_REGS,
};

typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
                                          enum qemu_plugin_cb_flags flags, void *userdata);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const char *qemu_plugin_insn_symbol(const struct qemu_plugin_insn *insn);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
void qemu_plugin_outs(const char *string);

/* qemu refuses a plugin that does not export the API version it was written against. */
__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* ---- Counting. ---- */

/* Distinct symbols seen; generous for a NativeAOT binary (tens of thousands of methods). */
#define MAX_SYMBOLS (1 << 18)
#define NO_SYMBOL 0

/* Regions are entered a few times per inference, so a fixed table is plenty. */
#define MAX_REGIONS (1 << 16)

struct symbol {
    const char *name; /* qemu's string, stable for the whole run */
    uint64_t self;
};

/*
 * The instructions counted by kind: Armv8.2 dot products (FEAT_DotProd), Armv8.6 int8 matrix multiplies
 * and mixed-sign dot products (FEAT_I8MM). Matched on the encoding (Arm ARM, "Advanced SIMD three same
 * extra" and "vector x indexed element"), not on qemu's disassembler, which predates some of them.
 */
struct instruction_kind {
    const char *mnemonic;
    uint32_t mask;
    uint32_t value;
};

static const struct instruction_kind kinds[] = {
    { "sdot", 0xBFE0FC00u, 0x0E809400u },         /* SDOT Vd.4S, Vn.16B, Vm.16B */
    { "udot", 0xBFE0FC00u, 0x2E809400u },         /* UDOT Vd.4S, Vn.16B, Vm.16B */
    { "sdot (by element)", 0xBFC0F400u, 0x0F80E000u },
    { "udot (by element)", 0xBFC0F400u, 0x2F80E000u },
    { "usdot", 0xBFE0FC00u, 0x0E809C00u },
    { "usdot (by element)", 0xBFC0F400u, 0x0F80F000u },
    { "sudot (by element)", 0xBFC0F400u, 0x0F00F000u },
    { "smmla", 0xFFE0FC00u, 0x4E80A400u },        /* SMMLA Vd.4S, Vn.16B, Vm.16B */
    { "ummla", 0xFFE0FC00u, 0x6E80A400u },
    { "usmmla", 0xFFE0FC00u, 0x4E80AC00u },
    /* The SVE forms (Z registers), which ONNX Runtime's kernels use when the CPU has SVE. */
    { "sve sdot", 0xFFE0FC00u, 0x44800000u },     /* SDOT Zda.S, Zn.B, Zm.B */
    { "sve udot", 0xFFE0FC00u, 0x44800400u },
    { "sve sdot (by element)", 0xFFE0FC00u, 0x44A00000u },
    { "sve udot (by element)", 0xFFE0FC00u, 0x44A00400u },
    { "sve smmla", 0xFFE0FC00u, 0x45009800u },    /* SMMLA Zda.S, Zn.B, Zm.B */
    { "sve usmmla", 0xFFE0FC00u, 0x45809800u },
    { "sve ummla", 0xFFE0FC00u, 0x45C09800u },
};

#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

static uint64_t kind_counts[KIND_COUNT];

/* What one translated block needs when it executes: how many instructions, whose they are. */
struct block {
    uint64_t insns;
    uint64_t last_insn_vaddr;
    struct symbol *symbol;
    bool is_root;
    bool has_kinds;
    uint32_t kinds[KIND_COUNT]; /* how many of each counted kind the block holds */
};

struct region {
    struct symbol *symbol;
    uint64_t from;
    uint64_t order;
    uint64_t insns;
};

static struct symbol *symbols;
static size_t symbol_count;
static uint64_t total;
static const char *out_path;
static char **roots;
static int root_count;

static struct region *regions;
static size_t region_count;
static pthread_mutex_t regions_lock = PTHREAD_MUTEX_INITIALIZER;

/* Per guest thread (qemu-user runs each on a host thread): the region it is in, the block it ran last. */
static __thread struct region *current_region;
static __thread const struct block *last_block;

/* Symbols are interned by qemu's string pointer, so a lookup is a pointer comparison. */
#define TABLE_SIZE (MAX_SYMBOLS * 2)
static struct symbol **table;

static struct symbol *intern(const char *name)
{
    if (name == NULL) {
        return &symbols[NO_SYMBOL];
    }

    size_t slot = ((uintptr_t)name >> 3) % TABLE_SIZE;
    while (table[slot] != NULL) {
        if (table[slot]->name == name) {
            return table[slot];
        }
        slot = (slot + 1) % TABLE_SIZE;
    }

    if (symbol_count == MAX_SYMBOLS) {
        return &symbols[NO_SYMBOL];
    }

    struct symbol *symbol = &symbols[symbol_count++];
    symbol->name = name;
    table[slot] = symbol;
    return symbol;
}

/* A root matches a symbol that contains it, or with a trailing '$' one that ends with it (MaxPool, not MaxPool2x2). */
static bool is_root(const char *name)
{
    for (int i = 0; name != NULL && i < root_count; i++) {
        size_t length = strlen(roots[i]);
        if (roots[i][length - 1] == '$') {
            size_t name_length = strlen(name);
            if (name_length >= length - 1 && strncmp(name + name_length - (length - 1), roots[i], length - 1) == 0) {
                return true;
            }
        } else if (strstr(name, roots[i]) != NULL) {
            return true;
        }
    }
    return false;
}

/* Linear search under a lock: it only runs when a thread moves from one root to another. */
static struct region *find_region(struct symbol *symbol, uint64_t from)
{
    pthread_mutex_lock(&regions_lock);
    struct region *found = &regions[0];
    for (size_t i = region_count; i-- > 1;) {
        if (regions[i].symbol == symbol && regions[i].from == from) {
            found = &regions[i];
            break;
        }
    }

    if (found == &regions[0] && region_count < MAX_REGIONS) {
        found = &regions[region_count];
        found->symbol = symbol;
        found->from = from;
        found->order = region_count++;
    }

    pthread_mutex_unlock(&regions_lock);
    return found;
}

static void on_block_exec(unsigned int vcpu_index, void *userdata)
{
    (void)vcpu_index;
    const struct block *block = userdata;
    if (block->is_root && (current_region == NULL || current_region->symbol != block->symbol)) {
        current_region = find_region(block->symbol, last_block != NULL ? last_block->last_insn_vaddr : 0);
    }

    struct region *region = current_region != NULL ? current_region : &regions[0];
    __atomic_fetch_add(&total, block->insns, __ATOMIC_RELAXED);
    __atomic_fetch_add(&block->symbol->self, block->insns, __ATOMIC_RELAXED);
    __atomic_fetch_add(&region->insns, block->insns, __ATOMIC_RELAXED);
    if (block->has_kinds) {
        for (size_t k = 0; k < KIND_COUNT; k++) {
            __atomic_fetch_add(&kind_counts[k], block->kinds[k], __ATOMIC_RELAXED);
        }
    }
    last_block = block;
}

/* Called once per translated block (translation is serialized by qemu); never freed, blocks are few. */
static void on_block_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    struct block *block = calloc(1, sizeof *block);
    if (block == NULL) {
        abort();
    }

    const char *name = qemu_plugin_insn_symbol(qemu_plugin_tb_get_insn(tb, 0));
    block->insns = qemu_plugin_tb_n_insns(tb);
    block->last_insn_vaddr = qemu_plugin_insn_vaddr(qemu_plugin_tb_get_insn(tb, block->insns - 1));
    block->symbol = intern(name);
    block->is_root = is_root(name);
    for (size_t i = 0; i < block->insns; i++) {
        const struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint32_t word;
        if (qemu_plugin_insn_size(insn) != sizeof word) {
            continue;
        }
        memcpy(&word, qemu_plugin_insn_data(insn), sizeof word);
        for (size_t k = 0; k < KIND_COUNT; k++) {
            if ((word & kinds[k].mask) == kinds[k].value) {
                block->kinds[k]++;
                block->has_kinds = true;
            }
        }
    }
    qemu_plugin_register_vcpu_tb_exec_cb(tb, on_block_exec, QEMU_PLUGIN_CB_NO_REGS, block);
}

static void write_counts(qemu_plugin_id_t id, void *userdata)
{
    (void)id;
    (void)userdata;
    FILE *out = out_path != NULL ? fopen(out_path, "w") : stderr;
    if (out == NULL) {
        qemu_plugin_outs("insn-count: cannot open the out= file\n");
        return;
    }

    fprintf(out, "total\t%llu\n", (unsigned long long)total);
    for (size_t i = 0; i < symbol_count; i++) {
        const char *name = symbols[i].name != NULL ? symbols[i].name : "?";
        if (symbols[i].self != 0) {
            fprintf(out, "self\t%llu\t%s\n", (unsigned long long)symbols[i].self, name);
        }
    }

    for (size_t k = 0; k < KIND_COUNT; k++) {
        fprintf(out, "insn\t%llu\t%s\n", (unsigned long long)kind_counts[k], kinds[k].mnemonic);
    }

    for (size_t i = 0; i < region_count; i++) {
        const struct region *region = &regions[i];
        const char *name = region->symbol != NULL && region->symbol->name != NULL ? region->symbol->name : "?";
        fprintf(out, "region\t%llu\t%llu\t%llx\t%s\n", (unsigned long long)region->insns,
                (unsigned long long)region->order, (unsigned long long)region->from, name);
    }

    if (out != stderr) {
        fclose(out);
    }
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
    (void)info;
    symbols = calloc(MAX_SYMBOLS, sizeof *symbols);
    table = calloc(TABLE_SIZE, sizeof *table);
    regions = calloc(MAX_REGIONS, sizeof *regions);
    roots = calloc((size_t)argc + 1, sizeof *roots);
    if (symbols == NULL || table == NULL || regions == NULL || roots == NULL) {
        return -1;
    }

    symbol_count = 1; /* symbols[NO_SYMBOL]: code without a symbol */
    region_count = 1; /* regions[0]: before any root, and overflow */
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "out=", 4) == 0) {
            out_path = argv[i] + 4;
        } else if (strncmp(argv[i], "root=", 5) == 0 && argv[i][5] != '\0') {
            roots[root_count++] = argv[i] + 5;
        } else {
            fprintf(stderr, "insn-count: unknown argument \"%s\" (expected out=FILE or root=TEXT)\n", argv[i]);
            return -1;
        }
    }

    qemu_plugin_register_vcpu_tb_trans_cb(id, on_block_translate);
    qemu_plugin_register_atexit_cb(id, write_counts, NULL);
    return 0;
}
