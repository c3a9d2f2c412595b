"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SERVER_MODELS = void 0;
/** The models, as c7000 enclosures of the 2015–2019 era held them. */
exports.SERVER_MODELS = [
    {
        model: 'ProLiant BL460c Gen9',
        shortModel: 'BL460c Gen9',
        formFactor: 'HalfHeight',
        mpModel: 'iLO4',
        mpFirmwareVersion: '2.40 Dec 02 2015',
        romVersion: 'I36 10/21/2015',
        processorType: 'Intel(R) Xeon(R) CPU E5-2680 v3 @ 2.50GHz',
        processorCoreCount: 12,
        processorSpeedMhz: 2500,
        memoryMb: 262144,
        typeId: '6e8a4c38-0ce4-4a0b-8a5e-3f0e2b5e1a01',
    },
    {
        model: 'ProLiant BL460c Gen10',
        shortModel: 'BL460c Gen10',
        formFactor: 'HalfHeight',
        mpModel: 'iLO5',
        mpFirmwareVersion: '1.40 Jan 14 2019',
        romVersion: 'I41 04/18/2019',
        processorType: 'Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz',
        processorCoreCount: 16,
        processorSpeedMhz: 2100,
        memoryMb: 393216,
        typeId: '0b5c2d7e-7a4e-4bd2-9f55-6c1d3f2a8b02',
    },
    {
        model: 'ProLiant BL660c Gen9',
        shortModel: 'BL660c Gen9',
        formFactor: 'FullHeight',
        mpModel: 'iLO4',
        mpFirmwareVersion: '2.55 Aug 16 2017',
        romVersion: 'I32 05/21/2018',
        processorType: 'Intel(R) Xeon(R) CPU E5-4650 v4 @ 2.20GHz',
        processorCoreCount: 14,
        processorSpeedMhz: 2200,
        memoryMb: 524288,
        typeId: '9d1f3a6b-2c8e-4f7a-b1d4-5e6f7a8b9c03',
    },
];
